package dev.phoenix.aws;

import dev.phoenix.spi.ProviderContext;
import dev.phoenix.spi.Sections;
import dev.phoenix.store.ObjectStore;
import dev.phoenix.store.ObjectStoreFactory;

/**
 * {@code store: s3://bucket/prefix}: baselines, the chaos ledger and run history in S3, on the
 * clients the AWS fleets share (the same {@code aws:} section, environment and credential rules).
 */
public final class S3ObjectStoreFactory implements ObjectStoreFactory {

    @Override
    public String name() {
        return "s3";
    }

    @Override
    public ObjectStore open(String location, Sections sections, ProviderContext ctx) {
        String rest = location.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1).replaceAll("/+$", "");
        if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new IllegalArgumentException("expected s3://bucket/prefix with a valid bucket name, found '" + location + "'");
        }
        return new S3ObjectStore(AwsClients.shared(ctx, sections.get(AwsSettings.class)), bucket, prefix);
    }
}
