package dev.phoenix.aws;

import dev.phoenix.spi.SectionParser;
import dev.phoenix.spi.Settings;
import java.util.Map;

/** The top-level {@code aws:} section, parsed once into {@link AwsSettings} for every AWS fleet, probe and the S3 store. */
public final class AwsSectionParser implements SectionParser<AwsSettings> {

    @Override
    public String name() {
        return "aws";
    }

    @Override
    public Class<AwsSettings> type() {
        return AwsSettings.class;
    }

    @Override
    public java.util.List<String> keys() {
        return AwsSettings.KEYS;
    }

    @Override
    public AwsSettings parse(Settings section, Map<String, String> env) {
        return AwsSettings.parse(section, env);
    }

    /** An endpoint on loopback is an emulator: the instance addresses it reports must not be probed. */
    @Override
    public boolean emulated(AwsSettings section) {
        return section.loopbackEndpoint();
    }
}
