package io.domopreflight.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: {@code serve}, {@code demo}, {@code check} and {@code simulator}. */
@Command(name = "domo-preflight", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Checks Domo credentials and DomoStats datasets before a catalog crawls Domo.",
    subcommands = {ServeCommand.class, DemoCommand.class, CheckCommand.class, SimulatorCommand.class})
public final class Main implements Runnable {

  /** Exit code for bad input and for runs that ended in error. */
  public static final int EXIT_USAGE = 2;

  public static void main(String[] args) {
    System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
    System.setProperty("hazelcast.logging.type", "slf4j");
    CommandLine commandLine = new CommandLine(new Main())
        .setParameterExceptionHandler((ex, args2) -> {
          ex.getCommandLine().getErr().println(ex.getMessage());
          ex.getCommandLine().usage(ex.getCommandLine().getErr());
          return EXIT_USAGE;
        });
    int code = commandLine.execute(args);
    // Long-running commands return -1 and keep the JVM up through Vert.x's threads.
    if (code >= 0) {
      System.exit(code);
    }
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  /** The version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {text()};
    }

    /** {@code domo-preflight 0.1.0}, from the Implementation-Version the build writes into the jar's manifest. */
    static String text() {
      String version = Main.class.getPackage().getImplementationVersion();
      return "domo-preflight " + (version == null ? "development build" : version);
    }
  }
}
