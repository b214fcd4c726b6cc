Feature: Settlement on arrival
  Each payment settles the moment it arrives, when the paying bank's available liquidity covers it.
  A payment the paying bank cannot cover waits in its queue, and no money moves, until the paying
  bank receives enough liquidity: then it settles at once.

  Background:
    Given the demo network is open for business

  Scenario: A covered payment settles on arrival and both positions move by its amount
    Given Alpha Bank has at least EUR 1000.00 available
    When Alpha Bank pays Bravo Bank EUR 250.00
    Then the payment is settled
    And Alpha Bank is told that the payment settled
    And Alpha Bank's balance has fallen by EUR 250.00
    And Bravo Bank's balance has risen by EUR 250.00

  Scenario: An uncovered payment waits in the queue and nothing moves
    Given Delta Bank has less than EUR 5000.00 available
    When Delta Bank pays Alpha Bank EUR 5000.00
    Then the payment waits in the queue for insufficient funds
    And Delta Bank has not yet been told anything about the payment
    And Delta Bank's balance has not changed
    And Alpha Bank's balance has not changed

  # The pledge is larger than the payment so that it also covers any payment Delta Bank queued
  # earlier (first in, first out): this payment settles whichever scenarios ran before it.
  Scenario: A queued payment settles as soon as the payer receives liquidity
    Given Delta Bank has less than EUR 5000.00 available
    When Delta Bank pays Bravo Bank EUR 5000.00
    Then the payment waits in the queue
    When the operator pledges EUR 10000.00 to Delta Bank
    Then the payment is settled
    And Delta Bank is told that the payment settled
    And Bravo Bank's balance has risen by EUR 5000.00
    And Delta Bank has paid at least EUR 5000.00 out of the pledge
