Feature: Liquidity reserved for high-priority and urgent payments
  A bank may keep part of its liquidity for its high-priority payments, and part for urgent ones
  (the central bank's own). A payment may use only the liquidity that is not kept for the priorities
  above its own: what is kept for high-priority payments is not available to normal ones, and what is
  kept for urgent payments is available to neither. A payment short of what it may use waits in the
  queue for insufficient funds, until the bank receives liquidity or keeps less.

  Background:
    Given the demo network is open for business

  Scenario: Liquidity reserved for high-priority payments is not available to normal payments
    Given the operator has admitted Hotel Bank with EUR 1000.00
    And the operator has admitted India Bank with no liquidity
    And Hotel Bank reserves EUR 800.00 for high-priority payments
    When Hotel Bank pays India Bank EUR 300.00
    Then the payment waits in the queue for insufficient funds

  Scenario: A high-priority payment may use the liquidity reserved for it
    Given the operator has admitted Hotel Bank with EUR 1000.00
    And the operator has admitted India Bank with no liquidity
    And Hotel Bank reserves EUR 800.00 for high-priority payments
    When Hotel Bank pays India Bank EUR 900.00 with high priority
    Then the payment is settled

  Scenario: Liquidity reserved for urgent payments is not available to high-priority payments
    Given the operator has admitted Hotel Bank with EUR 1000.00
    And the operator has admitted India Bank with no liquidity
    And Hotel Bank reserves EUR 800.00 for urgent payments
    When Hotel Bank pays India Bank EUR 300.00 with high priority
    Then the payment waits in the queue for insufficient funds

  Scenario: A normal payment waiting for reserved liquidity settles once the reservation ends
    Given the operator has admitted Hotel Bank with EUR 1000.00
    And the operator has admitted India Bank with no liquidity
    And Hotel Bank reserves EUR 800.00 for high-priority payments
    When Hotel Bank pays India Bank EUR 300.00
    Then the payment waits in the queue for insufficient funds
    When Hotel Bank ends its reservation for high-priority payments
    Then the payment is settled
