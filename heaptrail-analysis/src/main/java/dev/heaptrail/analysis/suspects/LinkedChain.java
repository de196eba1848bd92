package dev.heaptrail.analysis.suspects;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * An application's own linked structure at an accumulation point: nodes of one class, each holding
 * the next (a list linked by {@code next}) or several (a tree), found by {@link HandMadeCollections#chainAt}.
 *
 * @param nodeClass     the nodes' class index in the heap index
 * @param nodeClassName its name, e.g. {@code com.example.Event}
 * @param nodes         the head, the nodes of its class below it in the dominator tree (reached
 *                      through nodes of that class only), and those its owner holds beside it (a tail)
 * @param links         the head's fields that hold nodes it dominates, the one that retains the most
 *                      first ({@code next}; {@code left, right}); empty when none is known
 * @param tree          whether a node holds more than one other node: a tree, not a list
 */
public record LinkedChain(int nodeClass, String nodeClassName, long nodes, List<String> links, boolean tree) {

    public LinkedChain {
        Objects.requireNonNull(nodeClassName, "nodeClassName");
        links = List.copyOf(links);
    }

    /** For people: "a linked chain (each holds the next in .next)", "a tree (linked by .left and .right)". */
    public String howLinked() {
        String kind = tree ? "a tree" : "a linked chain";
        return links.isEmpty() ? kind : kind + " (" + linkedBy() + ")";
    }

    /** For people: "each holds the next in .next", "linked by .left and .right"; "" when no link is known. */
    public String linkedBy() {
        if (links.isEmpty()) {
            return "";
        }
        return (tree ? "linked by " : "each holds the next in ") + fields();
    }

    /** For people: "a linked chain of 1,000 com.example.Event objects". */
    public String nodesInWords() {
        return String.format(Locale.ROOT, "%s of %,d %s objects", tree ? "a tree" : "a linked chain", nodes, nodeClassName);
    }

    private String fields() {
        List<String> dotted = links.stream().map(l -> "." + l).toList();
        return dotted.size() == 1 ? dotted.get(0)
                : dotted.subList(0, dotted.size() - 1).stream().collect(Collectors.joining(", ")) + " and " + dotted.get(dotted.size() - 1);
    }
}
