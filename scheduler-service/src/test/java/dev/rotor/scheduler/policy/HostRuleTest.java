package dev.rotor.scheduler.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HostRuleTest {

    @Test
    void anAddressRangeAllowsTheAddressesInItAndNoName() {
        HostRule range = HostRule.parse("10.20.0.0/16");

        assertThat(range.allows("10.20.3.4")).isTrue();
        assertThat(range.allows("10.21.0.1")).isFalse();
        // A name is not resolved: that it might point into the range does not count.
        assertThat(range.allows("db.internal")).isFalse();
        assertThat(HostRule.parse("192.0.2.7").allows("192.0.2.7")).isTrue();
        assertThat(HostRule.parse("192.0.2.7").allows("192.0.2.8")).isFalse();
    }

    @Test
    void anIpv6RangeAllowsItsAddressesWithOrWithoutBrackets() {
        HostRule range = HostRule.parse("fd00::/8");

        assertThat(range.allows("fd12::1")).isTrue();
        assertThat(range.allows("[fd12::1]")).isTrue();
        assertThat(range.allows("fe80::1")).isFalse();
        assertThat(range.allows("10.0.0.1")).isFalse();
    }

    @Test
    void aNameGlobAllowsNamesUnderItAndNoAddress() {
        HostRule names = HostRule.parse("*.db.example.com");

        assertThat(names.allows("orders.db.example.com")).isTrue();
        assertThat(names.allows("ORDERS.DB.EXAMPLE.COM")).isTrue();
        assertThat(names.allows("db.example.com")).isFalse();
        assertThat(names.allows("orders.db.example.com.evil.net")).isFalse();
        assertThat(HostRule.parse("pg.internal").allows("pg.internal")).isTrue();
        assertThat(HostRule.parse("pg.internal").allows("pg.internal2")).isFalse();
    }

    @Test
    void whatIsNeitherARangeNorAnAddressNorANameIsRefusedSayingWhy() {
        assertThatThrownBy(() -> HostRule.parse("10.0.0.0/33")).hasMessageContaining("prefix length that is not 0-32");
        assertThatThrownBy(() -> HostRule.parse("300.1.1.1")).hasMessageContaining("not an address or an address range");
        assertThatThrownBy(() -> HostRule.parse("http://db.example.com")).hasMessageContaining("not an address or an address range");
        assertThatThrownBy(() -> HostRule.parse("db_example")).hasMessageContaining("not a host name or glob");
        assertThatThrownBy(() -> HostRule.parse("fd00::zz/8")).hasMessageContaining("not an address or an address range");
    }
}
