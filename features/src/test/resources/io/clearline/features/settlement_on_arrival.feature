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
    Given the operator has admitted Hotel Bank with EUR 1000.00
    When Hotel Bank pays Alpha Bank EUR 5000.00
    Then the payment waits in the queue for insufficient funds
    And Hotel Bank has not yet been told anything about the payment
    And Hotel Bank's balance has not changed
    And Alpha Bank's balance has not changed

  Scenario: A queued payment settles as soon as the payer receives liquidity
    Given the operator has admitted Hotel Bank with EUR 1000.00
    When Hotel Bank pays Bravo Bank EUR 5000.00
    Then the payment waits in the queue for insufficient funds
    When the operator pledges EUR 4000.00 to Hotel Bank
    Then the payment is settled
    And Hotel Bank is told that the payment settled
    And Bravo Bank's balance has risen by EUR 5000.00
    And Hotel Bank's balance is EUR 0.00
