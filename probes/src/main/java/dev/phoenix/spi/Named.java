package dev.phoenix.spi;

/** Something registered by a unique name: a fleet factory, a probe factory, an exporter. */
public interface Named {

    /** The name used in configuration and on the command line, e.g. {@code http} or {@code aws-asg}. */
    String name();
}
