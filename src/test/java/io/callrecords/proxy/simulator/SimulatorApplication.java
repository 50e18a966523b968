package io.callrecords.proxy.simulator;

import java.util.concurrent.CountDownLatch;

/**
 * Runs the Graph simulator on its own, for benchmarks that measure the service in a
 * separate process. Arguments: Graph port, Entra ID port, and optionally
 * {@code --large-record} to add a generated group call of over 20 MB
 * ({@value #LARGE_RECORD}).
 */
public final class SimulatorApplication {

	/** The id of the generated large record. */
	public static final String LARGE_RECORD = "b16c0de0-0000-4000-8000-000000020000";

	private SimulatorApplication() {
	}

	static void run(String[] args) throws InterruptedException {
		int graphPort = (args.length > 0) ? Integer.parseInt(args[0]) : 0;
		int entraPort = (args.length > 1) ? Integer.parseInt(args[1]) : 0;
		GraphSimulator simulator = GraphSimulator.start(graphPort, entraPort);
		if (args.length > 2 && "--large-record".equals(args[2])) {
			simulator.addRecord(simulator.records().groupCall(LARGE_RECORD, 300, 200, 50));
		}
		Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
		simulator.applicationProperties().forEach((name, value) -> System.out.println(name + "=" + value));
		System.out.println("SIMULATOR READY");
		new CountDownLatch(1).await();
	}

}
