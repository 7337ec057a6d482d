package io.domopreflight.app;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** Starts the Domo simulator. */
@Command(name = "simulator", mixinStandardHelpOptions = true, description = "Starts the Domo simulator.")
final class SimulatorCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    throw new UnsupportedOperationException("serve is wired with the HTTP surface");
  }
}
