Feature: The business day
  The network settles on business days that the operator opens, cuts off and closes. Past the
  cut-off no new payment is taken: it is rejected with reason TM01 and the sender is told. At the
  close every payment still queued is cancelled with reason TM01, and its payer is
  told: nothing waits into the next day unseen. Each bank then receives its statement for the day:
  every payment it made and received, and a closing balance equal to its balance at the close.
  The next business day opens on a later date: a day once closed is never opened again.

  Background:
    Given the demo network is open for business

  Scenario: Past the cut-off no new payment is taken
    Given the operator has opened a new business day
    And the operator has admitted Hotel Bank with EUR 100.00
    And the operator has admitted India Bank with no liquidity
    When the operator passes the cut-off
    And Hotel Bank pays India Bank EUR 10.00
    Then Hotel Bank is told that the payment was rejected with reason TM01

  Scenario: At the close the payments still queued are cancelled and their payers told
    Given the operator has opened a new business day
    And the operator has admitted Hotel Bank with no liquidity
    And the operator has admitted India Bank with no liquidity
    When Hotel Bank pays India Bank EUR 500.00
    Then the payment waits in the queue for insufficient funds
    When the operator passes the cut-off
    And the operator closes the business day
    Then the payment is cancelled with reason TM01
    And Hotel Bank is told that the payment was rejected with reason TM01

  Scenario: At the close each bank's statement lists the day's payments and ends at its balance
    Given the operator has opened a new business day
    And the operator has admitted Hotel Bank with EUR 1000.00
    And the operator has admitted India Bank with EUR 100.00
    When Hotel Bank pays India Bank EUR 250.00
    Then the payment is settled
    When India Bank pays Hotel Bank EUR 40.00
    Then the payment is settled
    When the operator passes the cut-off
    And the operator closes the business day
    Then Hotel Bank's statement for the day lists the payment of EUR 250.00 as a debit
    And Hotel Bank's statement for the day lists the payment of EUR 40.00 as a credit
    And Hotel Bank's statement for the day closes at its balance of EUR 790.00
    And India Bank's statement for the day lists the payment of EUR 250.00 as a credit
    And India Bank's statement for the day lists the payment of EUR 40.00 as a debit
    And India Bank's statement for the day closes at its balance of EUR 310.00

  Scenario: A business day once closed is never opened again
    Given the operator has opened a new business day
    When the operator passes the cut-off
    And the operator closes the business day
    Then the operator cannot open the same date again
