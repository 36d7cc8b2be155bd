from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.service.model import _as_validation_error
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import ServiceCommon


@tagged("post_install", "-at_install")
class TestImpossibleValues(ServiceCommon):
    """SVC-1, SVC-3, SVC-8 (issue 7, item 9): no answer, resolution or closing before the
    ticket was received, no verification or departure before the visitor arrived, no call
    ending before it started, so that no statistic shows a negative duration. The agent's
    actions meet the constraints; data loaded as superuser (imports, demo data), the only way
    to give these dates directly, meets them too."""

    def _tomorrow(self):
        return fields.Datetime.add(fields.Datetime.now(), days=1)

    # Tickets
    def test_no_answer_before_reception(self):
        ahead = self._ticket(date_received=self._tomorrow())  # a mistyped reception date
        with self.assertRaisesText(ValidationError, "answered before it was received"):
            ahead.action_start()
        self.assertEqual(ahead.state, "new")
        ahead.write({"date_received": fields.Datetime.now()})  # corrected, nobody answered yet
        ahead.action_start()
        self.assertGreaterEqual(ahead.date_first_response, ahead.date_received)
        self.assertGreaterEqual(ahead.response_hours, 0)

    def test_no_resolution_or_closing_before_reception_in_data(self):
        received = fields.Datetime.to_datetime("2024-03-06 02:00:00")
        before = fields.Datetime.to_datetime("2024-03-06 01:00:00")
        after = fields.Datetime.to_datetime("2024-03-06 05:00:00")
        base = {
            "subject": "历史工单",
            "channel": "email",
            "category": "repair",
            "team_id": self.team.id,
            "date_received": received,
            "resolution": "已修复",
            "caller_confirmed": True,
            "caller_thanked": True,
        }
        Ticket = self.env["property.service.ticket"].sudo()
        resolved = self.env.ref("property_service.stage_resolved").id
        closed = self.env.ref("property_service.stage_closed").id
        for stage, dates, message in (
            (resolved, {"date_resolved": before}, "resolved before it was received"),
            (
                closed,
                {"date_resolved": after, "date_closed": before},
                "closed before it was received",
            ),
            (
                resolved,
                {"date_first_response": before, "date_resolved": after},
                "answered before it was received",
            ),
        ):
            with self.subTest(dates=dates), self.assertRaisesText(ValidationError, message):
                Ticket.create({**base, "stage_id": stage, **dates})
        history = Ticket.create(
            {**base, "stage_id": closed, "date_resolved": after, "date_closed": after}
        )
        self.assertEqual((history.state, history.resolution_hours), ("closed", 3.0))

    # Visits
    def test_no_verification_before_arrival(self):
        Visit = self.env["property.service.visit"].with_user(self.agent)
        values = {
            "visitor_name": "陈立",
            "id_type": "passport",
            "id_number": "E1234567",
            "purpose": "送货",
            "unit_id": self.unit_1.id,
        }
        expected = Visit.create({**values, "date": self._tomorrow()})  # announced in advance
        with self.assertRaisesText(ValidationError, "verified before the visitor arrived"):
            expected.action_verify()
        self.assertEqual(expected.state, "draft")
        arrived = Visit.create(values)
        arrived.action_verify()
        arrived.action_admit()
        arrived.action_leave()
        self.assertGreaterEqual(arrived.verified_at, arrived.date)
        self.assertGreaterEqual(arrived.date_left, arrived.date)
        # an arrival moved after the verification or departure is refused as well
        with self.assertRaisesText(ValidationError, "verified before the visitor arrived"):
            arrived.write({"date": self._tomorrow()})
        with self.assertRaisesText(ValidationError, "left before they arrived"):
            self.env["property.service.visit"].sudo().create(
                {
                    "visitor_name": "刘洋",
                    "date": "2024-03-06 02:00:00",
                    "date_left": "2024-03-06 01:00:00",
                }
            )

    # Calls
    def test_no_call_ending_before_it_started(self):
        Call = self.env["property.service.call"].with_user(self.agent)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError) as catcher:
            with self.env.cr.savepoint():
                Call.create({"caller_number": "13800138000", "duration": -30})
        # what the user reads (the RPC layer turns the SQL error into this message)
        message = str(_as_validation_error(self.env, catcher.exception))
        self.assertIn("A call cannot end before it started", message)
        call = Call.create({"caller_number": "13800138000", "duration": 30})
        self.assertEqual(call.duration, 30)
        with self.assertRaisesText(UserError, "only be changed"):
            call.write({"duration": -30})
