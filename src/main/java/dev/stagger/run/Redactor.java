package dev.stagger.run;

import dev.stagger.model.Auth;
import dev.stagger.model.Inventory;
import dev.stagger.model.RedisService;
import dev.stagger.model.Service;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Removes secrets from text the tool writes: the values of every {@code password_env} variable and
 * the contents of every {@code password_file} the inventory names. Hook output is the usual leak
 * (a script that echoes its environment), so everything bound for the journal passes through here.
 */
public final class Redactor {
    public static final String MASK = "***";
    public static final Redactor NONE = new Redactor(List.of());

    private final List<String> secrets;

    public Redactor(List<String> secrets) {
        List<String> s = new ArrayList<>(new LinkedHashSet<>(secrets));
        s.removeIf(x -> x == null || x.isEmpty());
        // Longest first, so a secret that contains another is masked whole.
        s.sort(Comparator.comparingInt(String::length).reversed());
        this.secrets = List.copyOf(s);
    }

    /** @param env how to read an environment variable (System::getenv outside tests) */
    public static Redactor forInventory(Inventory inventory, Function<String, String> env) {
        Set<String> found = new LinkedHashSet<>();
        for (Service s : inventory.services().values()) {
            if (s instanceof RedisService r) {
                add(found, r.auth(), env);
            } else if (s instanceof dev.stagger.model.AppService a
                    && a.writeCheck() instanceof dev.stagger.model.WriteCheck.Http h) {
                addUrlPassword(found, h.url());
            }
        }
        return new Redactor(new ArrayList<>(found));
    }

    private static void add(Set<String> found, Auth auth, Function<String, String> env) {
        if (auth == null) {
            return;
        }
        if (auth.passwordEnv() != null) {
            String v = env.apply(auth.passwordEnv());
            if (v != null) {
                found.add(v);
                found.add(v.strip());
            }
        }
        if (auth.passwordFile() != null) {
            try {
                String v = Files.readString(auth.passwordFile(), StandardCharsets.UTF_8);
                found.add(v.strip());
            } catch (IOException | RuntimeException ignored) {
                // Unreadable here means it cannot leak from here either; the probes report it.
            }
        }
    }

    /** A write_check URL's {@code user:pass@}: the password, as written and decoded. */
    private static void addUrlPassword(Set<String> found, String url) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^https?://[^/@?#]*?:([^/@?#]*)@").matcher(url);
        if (m.find() && !m.group(1).isEmpty()) {
            found.add(m.group(1));
            found.add(java.net.URLDecoder.decode(m.group(1), StandardCharsets.UTF_8));
        }
    }

    public String redact(String text) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, MASK);
        }
        return out;
    }

    /**
     * Whether {@code text[from, to)} holds a secret. Hook output is checked this way, without making
     * a string of every line; the rare line that holds one is then redacted as a string.
     */
    public boolean containsSecret(char[] text, int from, int to) {
        for (String s : secrets) {
            char first = s.charAt(0);
            int last = to - s.length();
            for (int i = from; i <= last; i++) {
                if (text[i] != first) {
                    continue;
                }
                int k = 1;
                while (k < s.length() && text[i + k] == s.charAt(k)) {
                    k++;
                }
                if (k == s.length()) {
                    return true;
                }
            }
        }
        return false;
    }

    public int size() {
        return secrets.size();
    }
}
