package dev.orez.pglite;

import java.util.ArrayList;
import java.util.List;

/**
 * The arguments of a shell command line as initdb builds them: words, single and double quotes, and
 * everything from the first redirection or operator on ignored (stdio is wired up by {@link InitDb}).
 */
final class ShellCommand {
    private ShellCommand() {}

    static List<String> parse(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else if ("<>|&;".indexOf(c) >= 0) {
                // "2>&1": a file descriptor number glued to the redirection is not an argument
                if (inWord && !word.toString().chars().allMatch(Character::isDigit)) {
                    words.add(word.toString());
                }
                return words;
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
