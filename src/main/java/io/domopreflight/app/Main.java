package io.domopreflight.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The command line: {@code serve}, {@code demo}, {@code check} and {@code simulator}. It does nothing without a
 * command, so picocli reports the missing command as a usage error (exit 2) instead of printing help and exiting 0.
 */
@Command(name = "domo-preflight", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Checks Domo credentials and DomoStats datasets before a catalog crawls Domo.",
    subcommands = {ServeCommand.class, DemoCommand.class, CheckCommand.class, SimulatorCommand.class})
public final class Main {

  /** Exit code for bad input and for runs that ended in error. */
  public static final int EXIT_USAGE = 2;

  public static void main(String[] args) {
    System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
    System.setProperty("hazelcast.logging.type", "slf4j");
    commonPoolForHazelcast();
    int code = commandLine().execute(args);
    // Long-running commands return -1 and keep the JVM up through Vert.x's threads.
    if (code >= 0) {
      System.exit(code);
    }
  }

  /**
   * Hazelcast completes its asynchronous operations on the common fork-join pool, but where that pool would have a
   * single thread (two CPUs or fewer, as in many containers) it starts a new thread for every completion instead:
   * thousands a second under load, which cost a three-node cluster on two cores nine tenths of its throughput. Two
   * threads are enough for those completions. Set before anything touches the pool, which reads it once.
   */
  static void commonPoolForHazelcast() {
    if (System.getProperty(ClusteredVertx.COMMON_POOL_PARALLELISM) == null
        && Runtime.getRuntime().availableProcessors() <= 2) {
      System.setProperty(ClusteredVertx.COMMON_POOL_PARALLELISM, "2");
    }
  }

  /** The commands, with bad arguments answered by a message and the usage on standard error, and exit code 2. */
  static CommandLine commandLine() {
    return new CommandLine(new Main())
        .setParameterExceptionHandler((ex, args) -> {
          ex.getCommandLine().getErr().println("error: " + ex.getMessage());
          ex.getCommandLine().usage(ex.getCommandLine().getErr());
          return EXIT_USAGE;
        });
  }

  /**
   * The value of a {@code --port} option, refused while the arguments are parsed so that a bad one stops the command
   * before anything starts or logs.
   *
   * @throws ParameterException unless it is a whole number from 0 (any free port) to 65535
   */
  static int port(CommandSpec spec, String value) {
    if (value.matches("[0-9]{1,5}") && Integer.parseInt(value) <= 65_535) {
      return Integer.parseInt(value);
    }
    throw new ParameterException(spec.commandLine(), "--port must be a port from 0 to 65535, not " + value);
  }

  /** A count or a duration given on the command line: a whole number, 0 or more. */
  static final class NonNegativeLong implements CommandLine.ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      if (value.matches("[0-9]{1,18}")) {
        return Long.parseLong(value);
      }
      throw new CommandLine.TypeConversionException("must be a whole number, 0 or more, not " + value);
    }
  }

  /** As {@link NonNegativeLong}, for sizes. */
  static final class NonNegativeInt implements CommandLine.ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      long number = new NonNegativeLong().convert(value);
      if (number > Integer.MAX_VALUE) {
        throw new CommandLine.TypeConversionException("must be at most " + Integer.MAX_VALUE + ", not " + value);
      }
      return (int) number;
    }
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
