package io.clearline.ops;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Clearline node: one process hosting the identities its configuration names. */
@SpringBootApplication(scanBasePackages = {"io.clearline.ops", "io.clearline.adapters.web",
        "io.clearline.adapters.security", "io.clearline.adapters.workspace"})
public class ClearlineApplication {

    public static void main(String[] args) {
        // Axon's update checker calls out to the internet; a settlement node never does that.
        System.setProperty("axoniq.update-checker.disabled", "true");
        SpringApplication.run(ClearlineApplication.class, args);
    }
}
