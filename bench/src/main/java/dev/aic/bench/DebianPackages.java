package dev.aic.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Debian packages a benchmark needs on this machine, installed with apt when missing (the machine's
 * configured sources; nothing else is downloaded). Installing needs root; a package already
 * installed costs one {@code dpkg-query}.
 */
final class DebianPackages {

    private DebianPackages() {}

    static boolean installed(String name) throws InterruptedException {
        try {
            Process query =
                    new ProcessBuilder("dpkg-query", "-W", "-f=${Status}", name)
                            .redirectError(ProcessBuilder.Redirect.DISCARD)
                            .start();
            String status =
                    new String(query.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return query.waitFor() == 0 && status.contains("install ok installed");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Installs {@code name} (without recommended packages) unless it is installed already; answers
     * whether it is installed afterwards. apt's output goes to this process's output, as progress.
     */
    static boolean ensure(String name, Consumer<String> say) throws InterruptedException {
        if (installed(name)) {
            say.accept("Debian package " + name + " is installed already");
            return true;
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            say.accept(
                    "Debian package "
                            + name
                            + " is missing and only root may install it: apt-get install -y "
                            + name);
            return false;
        }
        say.accept("installing Debian package " + name + " with apt-get");
        try {
            ProcessBuilder apt =
                    new ProcessBuilder(
                                    List.of(
                                            "apt-get",
                                            "install",
                                            "-y",
                                            "--no-install-recommends",
                                            name))
                            .inheritIO();
            apt.environment().putAll(Map.of("DEBIAN_FRONTEND", "noninteractive"));
            int status = apt.start().waitFor();
            if (status != 0) {
                say.accept("apt-get install " + name + " exited with " + status);
            }
        } catch (IOException e) {
            say.accept("apt-get could not run: " + e.getMessage());
        }
        return installed(name);
    }
}
