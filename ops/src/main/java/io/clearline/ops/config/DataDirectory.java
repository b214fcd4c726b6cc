package io.clearline.ops.config;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes {@code clearline.data-dir} absolute before anything reads it. The embedded database, the
 * banks' folders and the logs all live below it, and H2 refuses a relative path such as
 * {@code --clearline.data-dir=mydata}; one resolution here keeps them all in the same place.
 */
public class DataDirectory implements EnvironmentPostProcessor {
    static final String PROPERTY = "clearline.data-dir";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String configured = environment.getProperty(PROPERTY, "./data");
        String absolute = Path.of(configured).toAbsolutePath().normalize().toString();
        environment.getPropertySources().addFirst(new MapPropertySource("clearline-data-dir",
                Map.of(PROPERTY, absolute)));
    }
}
