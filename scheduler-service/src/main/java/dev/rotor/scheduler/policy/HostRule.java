package dev.rotor.scheduler.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One entry of a class's {@code allowedHosts}: an address range ({@code 10.20.0.0/16}, {@code fd00::/8}), one address,
 * or a host name, exact or a glob ({@code *.db.example.com}). A target host is matched as it is written: an IP literal
 * against ranges and addresses, a name against names. Names are never resolved here, so a name rule trusts the DNS
 * that the rotator will ask.
 */
public sealed interface HostRule {

    boolean allows(String host);

    /** As the matrix writes it. */
    String text();

    /** @throws IllegalArgumentException saying what is wrong with {@code text} */
    static HostRule parse(String text) {
        String rule = text.trim().toLowerCase(Locale.ROOT);
        int slash = rule.indexOf('/');
        if (slash >= 0 || Address.isLiteral(rule)) {
            InetAddress network = Address.literal(slash >= 0 ? rule.substring(0, slash) : rule)
                    .orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not an address or an address range: write"
                            + " e.g. 10.20.0.0/16, 192.0.2.7 or fd00::/8"));
            int bits = network.getAddress().length * 8;
            int prefix = bits;
            if (slash >= 0) {
                String length = rule.substring(slash + 1);
                if (!length.matches("[0-9]{1,3}") || Integer.parseInt(length) > bits) {
                    throw new IllegalArgumentException("'" + text + "' has a prefix length that is not 0-" + bits);
                }
                prefix = Integer.parseInt(length);
            }
            return new Range(text.trim(), network, prefix);
        }
        if (!Name.PATTERN.matcher(rule).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a host name or glob: use letters, digits, '-', '.' and"
                    + " '*', e.g. *.db.example.com");
        }
        return new Name(text.trim(), rule);
    }

    /** Addresses in a network ({@code prefix} leading bits); an address alone is a range of one. */
    record Range(String text, InetAddress network, int prefix) implements HostRule {

        @Override
        public boolean allows(String host) {
            return Address.literal(host).filter(address -> address.getAddress().length == network.getAddress().length)
                    .map(address -> samePrefix(address.getAddress(), network.getAddress(), prefix))
                    .orElse(false);
        }

        private static boolean samePrefix(byte[] a, byte[] b, int bits) {
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >> (i % 8);
                if ((a[i / 8] & mask) != (b[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** A host name, or a glob over names: {@code *} stands for any characters. */
    record Name(String text, String lowerCase) implements HostRule {

        static final Pattern PATTERN = Pattern.compile("[a-z0-9*]([a-z0-9*.-]*[a-z0-9*])?");

        @Override
        public boolean allows(String host) {
            return !Address.isLiteral(host) && Globs.matches(lowerCase, host.toLowerCase(Locale.ROOT));
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** IP literals, parsed without asking any DNS. */
    final class Address {

        private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

        private Address() {
        }

        static boolean isLiteral(String host) {
            return IPV4.matcher(host).matches() || host.contains(":");
        }

        static Optional<InetAddress> literal(String host) {
            String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            if (!isLiteral(bare) || (IPV4.matcher(bare).matches() && !validOctets(bare))) {
                return Optional.empty();
            }
            try {
                // In brackets an IPv6 text is parsed or refused, never looked up: getByName asks no DNS for either form.
                return Optional.of(InetAddress.getByName(bare.contains(":") ? "[" + bare + "]" : bare));
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }

        private static boolean validOctets(String ipv4) {
            for (String octet : ipv4.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return false;
                }
            }
            return true;
        }
    }
}
