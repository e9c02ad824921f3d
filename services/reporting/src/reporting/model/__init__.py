"""Reporting's rules, pure: the report's approval chain, how figures are counted and labelled, and the codes the
read models record. No framework, no storage: rows come in as arguments."""
