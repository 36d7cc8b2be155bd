from odoo.tests import tagged

from .common import PropertyItCommon


@tagged("post_install", "-at_install")
class TestAntivirusCron(PropertyItCommon):
    """IT-4: the cron opens one request per computer whose antivirus is expired or not
    monitoring, once per problem, in a number of queries independent of the computers."""

    def _problems(self):
        return self.env["property.it.request"].search(
            [("request_type", "=", "antivirus"), ("computer_id", "in", self.computers.ids)]
        )

    def _make(self, count, **vals):
        Computer = self.env["maintenance.equipment"]
        return Computer.create(
            [
                dict(
                    {
                        "name": f"巡检电脑{index:04d}",
                        "category_id": self.category.id,
                        "company_id": self.company_a.id,
                        "it_antivirus_product": "360杀毒",
                    },
                    **vals,
                )
                for index in range(count)
            ]
        )

    def setUp(self):
        super().setUp()
        # the other computers of the database keep their state: close their problems first
        self.env["property.it.request"]._cron_antivirus()
        self.computers = self.env["maintenance.equipment"]

    def test_one_request_per_problem_and_idempotent(self):
        expired = self._make(1, it_antivirus_expiry="2020-01-01")
        both = self._make(1, it_antivirus_expiry="2020-01-01", it_antivirus_monitoring=False)
        current = self._make(1, it_antivirus_expiry="2099-01-01")
        self.computers = expired | both | current
        Request = self.env["property.it.request"]
        Request._cron_antivirus()
        requests = self._problems()
        self.assertEqual(len(requests), 3)
        self.assertEqual(
            requests.filtered(lambda r: r.computer_id == expired).antivirus_problem, "expired"
        )
        self.assertEqual(
            set(requests.filtered(lambda r: r.computer_id == both).mapped("antivirus_problem")),
            {"expired", "unmonitored"},
        )
        self.assertTrue(all(r.state == "open" for r in requests))
        Request._cron_antivirus()
        self.assertEqual(self._problems(), requests)
        # once handled, a problem still there opens a new request
        requests[0].with_user(self.it_admin).action_done()
        Request._cron_antivirus()
        self.assertEqual(len(self._problems()), 4)

    def test_query_count_independent_of_computers(self):
        Request = self.env["property.it.request"]
        for count in (5, 50):
            self.computers |= self._make(count, it_antivirus_expiry="2020-01-01")
            Request._cron_antivirus()  # warm-up of this batch's caches
            self.computers |= self._make(count, it_antivirus_expiry="2020-01-01")
            self.env.invalidate_all()
            with self.assertQueryCount(__system__=6):
                Request._cron_antivirus()
        self.assertEqual(len(self._problems()), 110)
