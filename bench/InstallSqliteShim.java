import dev.orez.sqlite.NodeSqliteShim;
import java.nio.file.Path;

/** Writes orez's WebAssembly SQLite shim into the directory given and prints its preload; run with orez.jar on the class path. */
public class InstallSqliteShim {
    public static void main(String[] args) throws Exception {
        System.out.println(NodeSqliteShim.install(Path.of(args[0])));
    }
}
