package dev.orez.cli;

/** Entry point of orez.jar. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.out.println("orez");
    }
}
