package dev.phoenix.ssh.collect;

import dev.phoenix.model.Fact;
import java.util.List;
import java.util.function.Function;

/** A collector made of a command line and a parser of its output; what most built-in collectors are. */
record ScriptCollector(String name, String command, Function<CommandResult, List<Fact>> parser) implements Collector {

    @Override
    public List<Fact> parse(CommandResult result) {
        return parser.apply(result);
    }

    /** The prefix of this collector's facts: {@code ssh.<name>.}. */
    static String prefix(String name) {
        return "ssh." + name + ".";
    }
}
