package dev.stagger.live;

import dev.stagger.model.Endpoint;

/** An app service's {@code health} template with {@code {address}}, {@code {host}} and {@code {port}} filled in. */
public final class HealthUrl {
    private HealthUrl() {
    }

    /**
     * @throws IllegalArgumentException when the template needs {@code {port}} and the instance has none
     */
    public static String expand(String template, Endpoint endpoint, String address) {
        if (template.contains("{port}") && !endpoint.hasPort()) {
            throw new IllegalArgumentException("health " + template + " uses {port} but instance "
                    + endpoint + " has no port; write it as " + endpoint.host() + ":PORT");
        }
        // An IPv6 address in a URL needs brackets (http://[::1]:8080/): bare, its colons read as a port.
        String host = address.contains(":") && !address.startsWith("[") ? "[" + address + "]" : address;
        return template.replace("{address}", host)
                .replace("{host}", endpoint.host())
                .replace("{port}", Integer.toString(endpoint.port()));
    }
}
