Feature: Suspended participants
  The operator may suspend a participant at once, giving the reason. From then on no new payment to
  or from it is taken: a payment it sends is rejected with reason DNOR and a payment sent to it with
  reason CNOR, and the sender is told. What it had queued stays in its queue, frozen: it does not
  settle, even when covered, until the operator reactivates the participant; then the
  queue thaws and is examined again at once. A payment another bank queued for it before the
  suspension does not settle into it either: when its payer can pay it, it is rejected with reason
  CNOR and its payer is told.

  Background:
    Given the demo network is open for business

  Scenario: No payment is taken from a suspended bank
    Given the operator has admitted Hotel Bank with EUR 100.00
    And the operator has admitted India Bank with no liquidity
    When the operator suspends Hotel Bank because "it missed a margin call"
    And Hotel Bank pays India Bank EUR 10.00
    Then Hotel Bank is told that the payment was rejected with reason DNOR

  Scenario: No payment is taken to a suspended bank until it is reactivated
    Given the operator has admitted Hotel Bank with EUR 100.00
    And the operator has admitted India Bank with no liquidity
    When the operator suspends India Bank because "it missed a margin call"
    And Hotel Bank pays India Bank EUR 10.00
    Then Hotel Bank is told that the payment was rejected with reason CNOR
    When the operator reactivates India Bank
    And Hotel Bank pays India Bank EUR 20.00
    Then the payment is settled

  Scenario: A suspended bank's queue is frozen, and thaws when the bank is reactivated
    Given the operator has admitted Hotel Bank with no liquidity
    And the operator has admitted India Bank with no liquidity
    When Hotel Bank pays India Bank EUR 500.00
    Then the payment waits in the queue for insufficient funds
    When the operator suspends Hotel Bank because "its reserve account is under review"
    Then Hotel Bank's queue is frozen
    When the operator pledges EUR 600.00 to Hotel Bank
    Then the payment still waits in the queue although Hotel Bank could now pay it
    When the operator reactivates Hotel Bank
    Then the payment is settled
    And India Bank's balance has risen by EUR 500.00

  Scenario: A payment queued for a bank before its suspension does not settle into it
    Given the operator has admitted Hotel Bank with no liquidity
    And the operator has admitted India Bank with no liquidity
    When Hotel Bank pays India Bank EUR 100.00
    Then the payment waits in the queue for insufficient funds
    When the operator suspends India Bank because "it missed a margin call"
    And the operator pledges EUR 200.00 to Hotel Bank
    Then Hotel Bank is told that the payment was rejected with reason CNOR
    And India Bank's balance has not changed
