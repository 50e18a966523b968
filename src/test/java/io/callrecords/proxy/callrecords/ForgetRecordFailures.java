package io.callrecords.proxy.callrecords;

import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Forgets the records Graph failed to give before each test, after the test's set-up has
 * waited for the previous test's Graph calls: a test that reads a record another test
 * made fail gets Graph's answer, not the other test's remembered failure.
 */
public class ForgetRecordFailures implements TestExecutionListener {

	@Override
	public void beforeTestExecution(TestContext testContext) {
		testContext.getApplicationContext().getBean(RecordFailures.class).clear();
	}

}
