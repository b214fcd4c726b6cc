Feature: Returned payments
  The payee of a settled payment may send it back: the return is a payment of its own, and the
  original payer is made whole.

  Background:
    Given the demo network is open for business

  Scenario: The payee returns a settled payment and the payer is made whole
    Given Alpha Bank has at least EUR 1000.00 available
    When Alpha Bank pays Charlie Bank EUR 120.00
    Then the payment is settled
    When Charlie Bank returns the payment in full
    Then the original payment is returned
    And Alpha Bank's balance has not changed
    And Charlie Bank's balance has not changed
