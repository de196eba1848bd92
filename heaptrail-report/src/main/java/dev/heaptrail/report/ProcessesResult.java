package dev.heaptrail.report;

import dev.heaptrail.live.RunningProcess;

import java.util.List;

/**
 * {@code heaptrail ps}: processes by resident memory, JVMs with their heap.
 *
 * @param total how many processes there are (more than shown unless --all)
 */
public record ProcessesResult(List<RunningProcess> shown, int total) {
    public ProcessesResult {
        shown = List.copyOf(shown);
    }
}
