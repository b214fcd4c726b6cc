Feature: Suspended participants and returned payments
  The operator may suspend a participant at once: from then on no payment to or from it is taken,
  and what it had queued waits, frozen, until it is reactivated. The payee of a settled payment may
  send it back: the return is a payment of its own, and the original payer is made whole.

  Background:
    Given the demo network is open for business

  Scenario: No payment is taken to or from a suspended bank
    Given the operator has admitted Golf Bank with no liquidity
    When the operator suspends Golf Bank because "it missed a margin call"
    And Alpha Bank pays Golf Bank EUR 10.00
    Then Alpha Bank is told that the payment was rejected with reason CNOR
    When the operator reactivates Golf Bank
    And Alpha Bank pays Golf Bank EUR 10.00
    Then the payment is settled

  Scenario: The payee returns a settled payment and the payer is made whole
    Given Alpha Bank has at least EUR 1000.00 available
    When Alpha Bank pays Charlie Bank EUR 120.00
    Then the payment is settled
    When Charlie Bank returns the payment in full
    Then the original payment is returned
    And Alpha Bank's balance has not changed
    And Charlie Bank's balance has not changed
