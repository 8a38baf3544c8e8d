package dev.twine.it.memcached;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Programs from Debian's packages, found on {@code PATH}. */
final class Executables {

    private Executables() {}

    /**
     * The first of {@code names} on {@code PATH}; fails, saying which package to install, when
     * there is none. Skipping instead would prove nothing.
     */
    static String find(String debianPackage, String... names) {
        for (String name : names) {
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return candidate.toString();
                }
            }
        }
        throw new AssertionError("none of " + String.join(", ", names) + " is on PATH: install Debian's "
                + debianPackage + " (apt-get install -y " + debianPackage + "; .ci/run does)");
    }
}
