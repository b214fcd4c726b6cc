package io.clearline.adapters.workspace;

import java.time.Duration;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.LiteWebJarsResourceResolver;

/**
 * The workspace's third-party scripts (htmx, Chart.js) come from their webjars and are served by the
 * node itself, under the workspace's public assets: no page loads anything from another origin, and
 * the content security policy forbids it anyway. Pages name the files without a version
 * ({@code /workspace/assets/vendor/htmx.org/dist/htmx.min.js}); the webjar locator finds it.
 */
@Configuration
class WorkspaceAssets implements WebMvcConfigurer {
    static final String VENDOR_PATH = "/workspace/assets/vendor/";
    /** Browsers may keep the scripts this long; a new node version changes the webjars' own versions anyway. */
    static final Duration CACHE_PERIOD = Duration.ofHours(1);

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler(VENDOR_PATH + "**")
                .addResourceLocations("classpath:/META-INF/resources/webjars/")
                .setCacheControl(CacheControl.maxAge(CACHE_PERIOD).cachePublic())
                .resourceChain(true)
                .addResolver(new LiteWebJarsResourceResolver());
    }
}
