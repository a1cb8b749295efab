package org.fourinone.local;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;

/**
 * Entry point of the infrastructure child JVMs (broker, MongoDB wire server): runs the real main
 * class given as first argument, and exits (running its shutdown hooks) when the launcher that
 * started it is gone, so a launcher killed with {@code kill -9} leaves no broker holding port 9092
 * behind.
 *
 * <p>Usage: {@code java -Dlocal-stack.parent-pid=<pid> -cp ... org.fourinone.local.Child
 * <mainClass> <args...>}
 */
public final class Child {

  static final String PARENT_PID = "local-stack.parent-pid";

  private Child() {}

  public static void main(String[] args) throws Throwable {
    if (args.length == 0) {
      System.err.println("usage: Child <mainClass> [args...]");
      System.exit(2);
    }
    watchParent();
    Method main = Class.forName(args[0]).getMethod("main", String[].class);
    main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
  }

  private static void watchParent() {
    String pid = System.getProperty(PARENT_PID);
    if (pid == null) {
      return;
    }
    Optional<ProcessHandle> parent = ProcessHandle.of(Long.parseLong(pid));
    if (parent.isEmpty()) {
      System.err.println("local-stack: launcher " + pid + " is gone, exiting");
      System.exit(143);
    }
    Thread watcher =
        new Thread(
            () -> {
              parent.get().onExit().join();
              System.err.println("local-stack: launcher " + pid + " is gone, shutting down");
              System.exit(143);
            },
            "local-stack-parent-watch");
    watcher.setDaemon(true);
    watcher.start();
  }
}
