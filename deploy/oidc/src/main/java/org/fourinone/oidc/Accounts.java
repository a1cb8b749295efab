package org.fourinone.oidc;

import java.util.Optional;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Who may log in: the fixed demo staff, then the residents of {@code residents.json}. Every
 * password is {@value DemoAccounts#PASSWORD}, held only as a BCrypt hash.
 */
public final class Accounts implements UserDetailsService {

  private final DemoAccounts staff;
  private final ResidentAccounts residents;
  private final String passwordHash;

  public Accounts(DemoAccounts staff, ResidentAccounts residents, String passwordHash) {
    this.staff = staff;
    this.residents = residents;
    this.passwordHash = passwordHash;
  }

  public Optional<Account> find(String username) {
    return staff.find(username).or(() -> residents.find(username));
  }

  @Override
  public UserDetails loadUserByUsername(String username) {
    Account account =
        find(username).orElseThrow(() -> new UsernameNotFoundException("No account " + username));
    return User.withUsername(account.username())
        .password(passwordHash)
        .authorities(
            account.roles().stream()
                .map(role -> new SimpleGrantedAuthority("ROLE_" + role))
                .toList())
        .build();
  }
}
