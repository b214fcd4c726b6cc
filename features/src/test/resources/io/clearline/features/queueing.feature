Feature: Queueing and first in, first out
  A payment the paying bank cannot settle at once waits in its queue. The queue is kept in order of
  priority (high before normal) and, within a priority, in order of arrival. A new payment waits
  behind the payments of the same or higher priority already queued by the same bank, even when it
  alone would be covered, unless that bank has switched on FIFO bypass. A bank may hold a queued
  payment, which keeps its place but neither settles nor blocks the payments behind it; release it;
  or cancel it.

  Background:
    Given the demo network is open for business

  Scenario: Payments of one priority settle in the order they arrived
    Given the operator has admitted Hotel Bank with no liquidity
    And the operator has admitted India Bank with no liquidity
    When Hotel Bank pays India Bank EUR 300.00
    Then the payment waits in the queue for insufficient funds
    When Hotel Bank pays India Bank EUR 100.00
    Then the payment waits in the queue behind the payer's earlier payments
    When the operator pledges EUR 300.00 to Hotel Bank
    Then the payment of EUR 300.00 is settled
    And the payment of EUR 100.00 waits in the queue

  Scenario: A normal payment waits behind the payer's queued normal payments even when it alone is covered
    Given the operator has admitted Hotel Bank with EUR 100.00
    And the operator has admitted India Bank with no liquidity
    When Hotel Bank pays India Bank EUR 500.00
    Then the payment waits in the queue for insufficient funds
    When Hotel Bank pays India Bank EUR 50.00
    Then the payment waits in the queue behind the payer's earlier payments
    And Hotel Bank's balance has not changed

  Scenario: With FIFO bypass a covered payment settles past the payer's earlier payments
    Given the operator has admitted Hotel Bank with EUR 100.00
    And the operator has admitted India Bank with no liquidity
    And Hotel Bank has switched on FIFO bypass
    When Hotel Bank pays India Bank EUR 500.00
    Then the payment waits in the queue for insufficient funds
    When Hotel Bank pays India Bank EUR 50.00
    Then the payment is settled
    And the payment of EUR 500.00 waits in the queue

  Scenario: A high-priority payment does not wait behind the payer's queued normal payments
    Given the operator has admitted Hotel Bank with EUR 100.00
    And the operator has admitted India Bank with no liquidity
    When Hotel Bank pays India Bank EUR 500.00
    Then the payment waits in the queue for insufficient funds
    When Hotel Bank pays India Bank EUR 80.00 with high priority
    Then the payment is settled
    And the payment of EUR 500.00 waits in the queue

  Scenario: A queued high-priority payment settles before normal payments queued earlier
    Given the operator has admitted Hotel Bank with no liquidity
    And the operator has admitted India Bank with no liquidity
    When Hotel Bank pays India Bank EUR 200.00
    Then the payment waits in the queue for insufficient funds
    When Hotel Bank pays India Bank EUR 150.00 with high priority
    Then the payment waits in the queue for insufficient funds
    When the operator pledges EUR 200.00 to Hotel Bank
    Then the payment of EUR 150.00 is settled
    And the payment of EUR 200.00 waits in the queue

  Scenario: A held payment keeps its place and no longer blocks the payments behind it
    Given the operator has admitted Hotel Bank with EUR 100.00
    And the operator has admitted India Bank with no liquidity
    When Hotel Bank pays India Bank EUR 500.00
    Then the payment waits in the queue for insufficient funds
    When Hotel Bank pays India Bank EUR 50.00
    Then the payment waits in the queue behind the payer's earlier payments
    When Hotel Bank holds the payment of EUR 500.00
    Then the payment of EUR 50.00 is settled
    And the payment of EUR 500.00 stays in the queue, held

  Scenario: A held payment does not settle until its bank releases it
    Given the operator has admitted Hotel Bank with no liquidity
    And the operator has admitted India Bank with no liquidity
    When Hotel Bank pays India Bank EUR 200.00
    Then the payment waits in the queue for insufficient funds
    When Hotel Bank holds the payment
    And the operator pledges EUR 300.00 to Hotel Bank
    Then the payment still waits in the queue although Hotel Bank could now pay it
    When Hotel Bank releases the payment
    Then the payment is settled
    And India Bank's balance has risen by EUR 200.00

  Scenario: A bank cancels a queued payment, and is told that it will not settle
    Given the operator has admitted Hotel Bank with no liquidity
    And the operator has admitted India Bank with no liquidity
    When Hotel Bank pays India Bank EUR 200.00
    Then the payment waits in the queue for insufficient funds
    When Hotel Bank cancels the payment
    Then the payment is cancelled with reason NARR
    And Hotel Bank is told that the payment was rejected with reason NARR
