"""The recommendations' ledger rules (reporting.model.recommendation_ledger): a recommendation's open and overdue
counts day by day, and the entries that take it from one row to another."""

from datetime import date
from types import SimpleNamespace

from reporting.model.ledger import entries, summed_entries
from reporting.model.recommendation_ledger import NONE, contribution, state_on

D = date


def recommendation(issued=D(2024, 3, 1), deadline=D(2024, 5, 31), closures=()):
    return SimpleNamespace(issued_on=issued, deadline=deadline, closures=[list(span) for span in closures])


def steps(row) -> list[tuple[date, tuple[int, int]]]:
    return contribution(row).steps


class TestSteps:
    def test_an_open_recommendation_counts_from_its_issue_and_is_overdue_the_day_after_its_deadline(self):
        assert steps(recommendation()) == [(D(2024, 3, 1), (1, 0)), (D(2024, 6, 1), (0, 1))]

    def test_it_is_not_overdue_on_its_deadline(self):
        row = recommendation()

        assert state_on(row, D(2024, 5, 31)) == (1, 0)
        assert state_on(row, D(2024, 6, 1)) == (1, 1)
        assert state_on(row, D(2024, 2, 29)) == (0, 0)

    def test_a_closure_before_the_deadline_ends_it_for_good(self):
        row = recommendation(closures=[("2024-04-10", None)])

        assert steps(row) == [(D(2024, 3, 1), (1, 0)), (D(2024, 4, 10), (-1, 0))]

    def test_a_reopening_after_the_deadline_counts_it_open_and_overdue_again(self):
        row = recommendation(closures=[("2024-04-10", "2024-07-01"), ("2024-08-15", None)])

        assert steps(row) == [(D(2024, 3, 1), (1, 0)), (D(2024, 4, 10), (-1, 0)), (D(2024, 7, 1), (1, 1)),
                              (D(2024, 8, 15), (-1, -1))]

    def test_closed_while_overdue_takes_back_both_counts(self):
        row = recommendation(closures=[("2024-06-20", None)])

        assert steps(row) == [(D(2024, 3, 1), (1, 0)), (D(2024, 6, 1), (0, 1)), (D(2024, 6, 20), (-1, -1))]

    def test_a_closure_and_reopening_on_the_same_day_change_nothing(self):
        assert steps(recommendation(closures=[("2024-04-10", "2024-04-10")])) == steps(recommendation())

    def test_a_closure_dated_before_the_issue_keeps_it_closed_from_the_issue(self):
        assert steps(recommendation(closures=[("2024-02-01", None)])) == []
        assert steps(recommendation(closures=[("2024-02-01", "2024-04-01")])) == [
            (D(2024, 4, 1), (1, 0)), (D(2024, 6, 1), (0, 1))]

    def test_a_deadline_before_the_issue_makes_it_overdue_from_the_first_day(self):
        assert steps(recommendation(deadline=D(2024, 1, 31))) == [(D(2024, 3, 1), (1, 1))]

    def test_an_unknown_recommendation_counts_nothing(self):
        assert contribution(None) == NONE


class TestEntries:
    def test_a_closure_posts_its_day_with_its_month_and_year(self):
        before = contribution(recommendation(deadline=D(2025, 1, 31)))
        after = contribution(recommendation(deadline=D(2025, 1, 31), closures=[("2024-04-10", None)]))

        assert entries(before, after) == {("D", D(2024, 4, 10)): (-1, 0), ("M", D(2024, 4, 1)): (-1, 0),
                                          ("Y", D(2024, 1, 1)): (-1, 0), ("D", D(2025, 2, 1)): (0, -1),
                                          ("M", D(2025, 2, 1)): (0, -1), ("Y", D(2025, 1, 1)): (0, -1)}

    def test_a_later_deadline_moves_the_day_it_becomes_overdue(self):
        before = contribution(recommendation(deadline=D(2024, 5, 31)))
        after = contribution(recommendation(deadline=D(2024, 6, 30)))

        assert entries(before, after) == {("D", D(2024, 6, 1)): (0, -1), ("D", D(2024, 7, 1)): (0, 1),
                                          ("M", D(2024, 6, 1)): (0, -1), ("M", D(2024, 7, 1)): (0, 1)}

    def test_the_issue_posts_everything_and_a_redelivery_nothing(self):
        row = contribution(recommendation())

        assert entries(NONE, row) == summed_entries([row])
        assert entries(row, row) == {}

    def test_the_backfill_sums_the_recommendations_of_a_day(self):
        found = summed_entries([contribution(recommendation()), contribution(recommendation(deadline=D(2025, 1, 1)))])

        assert found[("D", D(2024, 3, 1))] == (2, 0)
        assert found[("Y", D(2024, 1, 1))] == (2, 1)
        assert found[("Y", D(2025, 1, 1))] == (0, 1)
