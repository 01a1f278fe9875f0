package dev.phoenix.spi;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The one check of an HTTP(S) URL in config: a scheme of {@code http} or {@code https}, a host,
 * and a port from 1 to 65535 when it names one ({@code java.net.URI} takes {@code :99999}).
 *
 * <pre>{@code
 * URI uri = Urls.http("http://127.0.0.1:4566", "aws.endpoint", "http://127.0.0.1:4566");
 * Urls.http("http://h:99999/", "x", "...")   // ConfigException "x: port must be between 1 and 65535, found 99999"
 * }</pre>
 */
public final class Urls {

    private Urls() {
    }

    /**
     * {@code text} as an HTTP(S) URL with a host.
     *
     * @param path    the key to blame
     * @param example a URL to show in the message
     */
    public static URI http(String text, String path, String example) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new ConfigException(path, "expected an http:// or https:// URL such as " + example + ", found '" + text
                    + "' (" + e.getReason() + ")");
        }
        if (uri.getScheme() == null || uri.getHost() == null
                || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            throw new ConfigException(path, "expected an http:// or https:// URL such as " + example + ", found '" + text + "'");
        }
        checkPort(uri, path);
        return uri;
    }

    /** Refuses a port outside 1-65535 ({@code -1}, no port, is fine: the scheme's default). */
    public static void checkPort(URI uri, String path) {
        int port = uri.getPort();
        if (port == 0 || port > 65535) {
            throw new ConfigException(path, "port must be between 1 and 65535, found " + port + " in '" + uri + "'");
        }
    }
}
