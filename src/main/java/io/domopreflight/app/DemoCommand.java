package io.domopreflight.app;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** Starts the simulator and runs a preflight against it. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Runs a preflight against the built-in Domo simulator.")
final class DemoCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    throw new UnsupportedOperationException("serve is wired with the HTTP surface");
  }
}
