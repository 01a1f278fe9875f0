package dev.phoenix.report;

import dev.phoenix.spi.Registry;

/** The exporters on the class path, by name. */
public final class Exporters {

    private static final Registry<Exporter> REGISTRY = Registry.load(Exporter.class, "format");

    private Exporters() {
    }

    public static Registry<Exporter> registry() {
        return REGISTRY;
    }
}
