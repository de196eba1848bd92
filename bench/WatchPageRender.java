import com.fasterxml.jackson.databind.JsonNode;
import dev.heaptrail.testkit.HeadlessChromium;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens a watch page in headless Chromium a few times and prints how long it took to draw: the
 * page's script leaves performance.now() at its end on body[data-render-millis] (milliseconds from
 * navigation start), and the navigation timing gives the load event's end.
 * Usage: java -cp TESTKIT_CLASSPATH bench/WatchPageRender.java PAGE.html [RUNS]
 */
public class WatchPageRender {
    public static void main(String[] args) throws Exception {
        Path page = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path work = Files.createDirectories(Path.of("target", "bench", "watch-page", "chromium"));
        System.out.printf("page %s: %d bytes%n", page, Files.size(page));
        for (int i = 1; i <= runs; i++) {
            try (HeadlessChromium c = HeadlessChromium.open(page, 1280, 900, work)) {
                double script = c.evaluate("+document.body.dataset.renderMillis").asDouble();
                double own = c.evaluate("+document.body.dataset.scriptMillis").asDouble();
                double load = c.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd").asDouble();
                JsonNode points = c.evaluate("[...document.querySelectorAll('#memory-chart path.series')]"
                        + ".map(p => (p.getAttribute('d').match(/[ML]/g) || []).length)");
                System.out.printf("run %d: drawn at %.0f ms after navigation start (script end; its own %.0f ms),"
                        + " load event end %.0f ms; points per series path %s; console errors %d%n", i, script, own, load, points, c.consoleErrors().size());
                if (i == runs) {
                    c.screenshot(work.getParent().resolve("watch-10000.png"));
                }
            }
        }
    }
}
