Feature: Gridlock resolution
  Payments that each wait for liquidity the others would bring can settle together: the
  liquidity-saving mechanism finds the set of queued payments that leaves every bank at zero or
  above, and settles them at once in one ledger transaction in which each bank pays or receives only
  its net. It never settles a held payment, and in its FIFO mode no payment overtakes an earlier one
  of the same bank.

  Background:
    Given the demo network is open for business

  Scenario: Two banks without liquidity that owe each other the same amount settle together
    Given the operator has admitted Hotel Bank with no liquidity
    And the operator has admitted India Bank with no liquidity
    When Hotel Bank pays India Bank EUR 500.00
    Then the payment waits in the queue for insufficient funds
    When India Bank pays Hotel Bank EUR 500.00
    Then the payment waits in the queue for insufficient funds
    When the operator runs gridlock resolution
    Then the run settled 2 payments worth EUR 1000.00
    And every payment is settled
    And Hotel Bank's balance has not changed
    And India Bank's balance has not changed
    And the regulator's audit is clean

  Scenario: A held payment never settles in a gridlock run
    Given the operator has admitted Hotel Bank with no liquidity
    And the operator has admitted India Bank with no liquidity
    When Hotel Bank pays India Bank EUR 70.00
    Then the payment waits in the queue for insufficient funds
    When Hotel Bank holds the payment
    And India Bank pays Hotel Bank EUR 70.00
    Then the payment waits in the queue for insufficient funds
    When the operator runs gridlock resolution
    Then the run settled 0 payments worth EUR 0.00
    And the held payment stays queued because it is held
