package dev.heaptrail.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What keeps a command's start-up short (docs/performance.md, issue 17): picocli scans every method
 * of a command class for {@code @Command} methods unless told not to, a few milliseconds a class on
 * a cold JVM, and heaptrail has no method subcommands.
 */
class StartUpRulesTest {

    @Test
    void everyCommandClassSkipsTheMethodSubcommandScan() {
        List<Class<?>> commands = new ArrayList<>();
        Deque<Class<?>> todo = new ArrayDeque<>(List.of(HeaptrailCommand.class));
        todo.addAll(HeaptrailCommand.SUBCOMMANDS.values());
        while (!todo.isEmpty()) {
            Class<?> c = todo.pop();
            Command command = c.getAnnotation(Command.class);
            if (command == null || c.getName().startsWith("picocli.")) {
                continue;
            }
            commands.add(c);
            todo.addAll(List.of(command.subcommands()));
        }
        assertThat(commands).hasSizeGreaterThan(HeaptrailCommand.SUBCOMMANDS.size());
        for (Class<?> c : commands) {
            assertThat(c.getAnnotation(Command.class).addMethodSubcommands()).as(c.getName()).isFalse();
            assertThat(List.of(c.getDeclaredMethods())).as(c.getName() + " has no method subcommands")
                    .noneMatch(m -> m.isAnnotationPresent(Command.class));
        }
    }
}
