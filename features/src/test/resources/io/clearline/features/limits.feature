Feature: Limits on normal payments
  A bank may limit what it pays out, net, with its normal payments: towards one counterparty (a
  bilateral limit) and towards all participants together (a multilateral limit). The net outflow is
  what its settled and settling normal payments took out, less every payment it received, of any
  priority, during the business day. A normal payment that would take the net outflow beyond a limit
  waits in the queue, with the limit as its reason, until payments received or a new setting make
  room. High-priority payments are not bound by these limits and do not use them up.

  Background:
    Given the demo network is open for business

  Scenario: A bilateral limit caps the net outflow towards one counterparty only
    Given the operator has admitted Hotel Bank with EUR 1000.00
    And the operator has admitted India Bank with no liquidity
    And the operator has admitted Juliett Bank with no liquidity
    And Hotel Bank sets a bilateral limit of EUR 300.00 towards India Bank
    When Hotel Bank pays India Bank EUR 200.00
    Then the payment is settled
    When Hotel Bank pays Juliett Bank EUR 400.00
    Then the payment is settled
    When Hotel Bank pays India Bank EUR 150.00
    Then the payment waits in the queue because it would exceed the bilateral limit towards India Bank

  Scenario: A payment received from the counterparty makes room under the bilateral limit
    Given the operator has admitted Hotel Bank with EUR 1000.00
    And the operator has admitted India Bank with EUR 100.00
    And Hotel Bank sets a bilateral limit of EUR 300.00 towards India Bank
    When Hotel Bank pays India Bank EUR 200.00
    Then the payment is settled
    When Hotel Bank pays India Bank EUR 150.00
    Then the payment waits in the queue because it would exceed the bilateral limit towards India Bank
    When India Bank pays Hotel Bank EUR 60.00
    Then the payment of EUR 150.00 is settled

  Scenario: A multilateral limit caps the net outflow towards all participants together
    Given the operator has admitted Hotel Bank with EUR 1000.00
    And the operator has admitted India Bank with no liquidity
    And the operator has admitted Juliett Bank with no liquidity
    And Hotel Bank sets a multilateral limit of EUR 300.00
    When Hotel Bank pays India Bank EUR 200.00
    Then the payment is settled
    When Hotel Bank pays Juliett Bank EUR 150.00
    Then the payment waits in the queue because it would exceed the multilateral limit

  Scenario: A high-priority payment is not bound by the limits
    Given the operator has admitted Hotel Bank with EUR 1000.00
    And the operator has admitted India Bank with no liquidity
    And Hotel Bank sets a bilateral limit of EUR 100.00 towards India Bank
    And Hotel Bank sets a multilateral limit of EUR 100.00
    When Hotel Bank pays India Bank EUR 400.00 with high priority
    Then the payment is settled
    And Hotel Bank's balance has fallen by EUR 400.00

  Scenario: A high-priority payment does not use up the limits of normal payments
    Given the operator has admitted Hotel Bank with EUR 1000.00
    And the operator has admitted India Bank with no liquidity
    And Hotel Bank sets a bilateral limit of EUR 100.00 towards India Bank
    When Hotel Bank pays India Bank EUR 400.00 with high priority
    Then the payment is settled
    When Hotel Bank pays India Bank EUR 100.00
    Then the payment is settled
