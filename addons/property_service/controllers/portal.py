from odoo import http
from odoo.exceptions import AccessError, MissingError, ValidationError
from odoo.http import request
from odoo.tools.mimetypes import guess_mimetype

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

PORTAL_CATEGORIES = ("repair", "complaint", "dispute", "inquiry", "facility", "other")
# photos sent with a request: what phones take and browsers show, read from the content
PHOTO_TYPES = {"image/jpeg": "JPEG", "image/png": "PNG", "image/gif": "GIF", "image/webp": "WebP"}
PHOTO_MAX_COUNT = 5
PHOTO_MAX_MB = 10


class ServicePortal(CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "service_ticket_count" in counters:
            Ticket = request.env["property.service.ticket"]
            values["service_ticket_count"] = (
                Ticket.search_count([]) if Ticket.has_access("read") else 0
            )
        return values

    def _service_units(self):
        """Units where the portal user's person is a current owner or resident."""
        partner = request.env.user.partner_id
        return request.env["property.service.ticket"].sudo()._units_of(partner)

    @http.route(
        ["/my/tickets", "/my/tickets/page/<int:page>"], type="http", auth="user", website=True
    )
    def portal_my_service_tickets(self, page=1, sortby="date", **kw):
        Ticket = request.env["property.service.ticket"]
        sortings = {
            "date": {"label": request.env._("Newest"), "order": "date_received desc, id desc"},
            "stage": {"label": request.env._("Stage"), "order": "stage_id, id desc"},
        }
        sortby = sortby if sortby in sortings else "date"
        total = Ticket.search_count([])
        pager = portal_pager(
            url="/my/tickets",
            url_args={"sortby": sortby},
            total=total,
            page=page,
            step=self._items_per_page,
        )
        tickets = Ticket.search(
            [], order=sortings[sortby]["order"], limit=self._items_per_page, offset=pager["offset"]
        )
        request.session["my_service_tickets_history"] = tickets.ids[:100]
        values = self._prepare_portal_layout_values()
        values.update(
            tickets=tickets.sudo(),
            page_name="service_ticket",
            default_url="/my/tickets",
            pager=pager,
            searchbar_sortings=sortings,
            sortby=sortby,
            can_submit=bool(self._service_units()),
        )
        return request.render("property_service.portal_my_service_tickets", values)

    @http.route(
        ["/my/tickets/new"], type="http", auth="user", website=True, methods=["GET", "POST"]
    )
    def portal_service_ticket_new(self, **post):
        units = self._service_units()
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="service_ticket_new",
            units=units,
            categories=[
                (key, label)
                for key, label in request.env["property.service.ticket"]
                ._fields["category"]
                ._description_selection(request.env)
                if key in PORTAL_CATEGORIES
            ],
            post=post,
            error=False,
            photo_max_count=PHOTO_MAX_COUNT,
            photo_max_mb=PHOTO_MAX_MB,
        )
        if request.httprequest.method != "POST":
            return request.render("property_service.portal_service_ticket_new", values)
        try:
            # a refused submission must leave nothing behind when the request commits
            with request.env.cr.savepoint():
                photos = self._read_photos(request.httprequest.files.getlist("photos"))
                ticket = self._create_portal_ticket(units, post)
                self._attach_photos(ticket, photos)
        except (ValidationError, AccessError) as error:
            values["error"] = error.args[0]
            return request.render("property_service.portal_service_ticket_new", values)
        return request.redirect(ticket.access_url)

    def _create_portal_ticket(self, units, post):
        """Check what the owner sent, then create the ticket as superuser on their behalf."""
        env = request.env
        try:
            unit_id = int(post.get("unit_id") or 0)
        except ValueError:
            unit_id = 0
        unit = units.filtered(lambda u: u.id == unit_id)
        if not unit:
            raise AccessError(env._("You can only submit a ticket for one of your own units."))
        category = post.get("category")
        if category not in PORTAL_CATEGORIES:
            raise ValidationError(env._("Choose the kind of request."))
        subject = (post.get("subject") or "").strip()
        if not subject:
            raise ValidationError(env._("Give your request a short title."))
        partner = env.user.partner_id
        ticket = (
            env["property.service.ticket"]
            .sudo()
            .create(
                {
                    "channel": "portal",
                    "subject": subject[:200],
                    "description": post.get("description") or False,
                    "category": category,
                    "partner_id": partner.id,
                    "unit_id": unit.id,
                    "caller_name": partner.name,
                    "caller_phone": (post.get("phone") or "").strip() or False,
                    "company_id": unit.company_id.id,
                }
            )
        )
        return ticket

    def _read_photos(self, files):
        """[(file name, content, mimetype)] of the photos sent, checked by their content:
        images only (JPEG, PNG, GIF, WebP), at most PHOTO_MAX_COUNT of PHOTO_MAX_MB each."""
        env = request.env
        limit = int(PHOTO_MAX_MB * 1024 * 1024)
        photos = []
        for upload in files:
            content = upload.read(limit + 1)
            if not upload.filename and not content:
                continue  # the empty file field of a form sent without photos
            name = upload.filename or "photo"
            if len(content) > limit:
                raise ValidationError(
                    env._(
                        "The photo %(name)s is larger than %(size)s MB; send a smaller one.",
                        name=name,
                        size=PHOTO_MAX_MB,
                    )
                )
            mimetype = guess_mimetype(content)
            if mimetype not in PHOTO_TYPES:
                raise ValidationError(
                    env._(
                        "%(name)s is not a photo: send images in %(types)s format.",
                        name=name,
                        types=", ".join(PHOTO_TYPES.values()),
                    )
                )
            photos.append((name, content, mimetype))
        if len(photos) > PHOTO_MAX_COUNT:
            raise ValidationError(
                env._("Send at most %(count)s photos with a request.", count=PHOTO_MAX_COUNT)
            )
        return photos

    def _attach_photos(self, ticket, photos):
        """The photos as attachments of the ticket, in a message of the owner in its chatter."""
        if photos:
            ticket.message_post(
                body=request.env._("Photos sent with the request."),
                attachments=[(name, content) for name, content, __ in photos],
                author_id=request.env.user.partner_id.id,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )

    @http.route(["/my/ticket/<int:ticket_id>"], type="http", auth="public", website=True)
    def portal_my_service_ticket(self, ticket_id, access_token=None, **kw):
        try:
            ticket_sudo = self._document_check_access(
                "property.service.ticket", ticket_id, access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update(
            ticket=ticket_sudo,
            page_name="service_ticket",
            rating_token=self._rating_token(ticket_sudo),
            rating=self._given_rating(ticket_sudo),
            progress=self._progress(ticket_sudo),
            photos=self._photos(ticket_sudo),
        )
        values = self._get_page_view_values(
            ticket_sudo, access_token, values, "my_service_tickets_history", False, **kw
        )
        return request.render("property_service.portal_my_service_ticket", values)

    def _rating_token(self, ticket_sudo):
        """A rating link only for the ticket's own person, once it is resolved and not yet
        rated for this resolution (the open rating made when it was resolved)."""
        partner = request.env.user.partner_id
        if (
            ticket_sudo.state not in ("resolved", "closed")
            or not ticket_sudo.partner_id
            or ticket_sudo.partner_id.commercial_partner_id != partner.commercial_partner_id
        ):
            return False
        return ticket_sudo._open_rating_token()

    def _given_rating(self, ticket_sudo):
        """The latest rating the ticket's own person gave, shown on their page once resolved."""
        partner = request.env.user.partner_id
        if ticket_sudo.state not in ("resolved", "closed") or (
            ticket_sudo.partner_id.commercial_partner_id != partner.commercial_partner_id
        ):
            return False
        ratings = ticket_sudo.rating_ids.filtered(
            lambda r: r.consumed and r.partner_id == ticket_sudo.partner_id
        )
        return ratings.sorted(lambda r: (r.write_date, r.id))[-1:]

    def _progress(self, ticket_sudo):
        """[(datetime, stage)] the ticket went through, from its reception and the tracked
        stage changes, oldest first."""
        field = request.env["ir.model.fields"]._get(ticket_sudo._name, "stage_id")
        trackings = (
            request.env["mail.tracking.value"]
            .sudo()
            .search(
                [
                    ("field_id", "=", field.id),
                    ("mail_message_id.model", "=", ticket_sudo._name),
                    ("mail_message_id.res_id", "=", ticket_sudo.id),
                ]
            )
            .sorted(lambda t: (t.mail_message_id.date, t.id))
        )
        # stage names in the reader's language
        Stage = request.env["property.service.stage"].sudo()
        first = trackings[:1].old_value_integer or ticket_sudo.stage_id.id
        steps = [(ticket_sudo.date_received, Stage.browse(first))]
        steps += [(t.mail_message_id.date, Stage.browse(t.new_value_integer)) for t in trackings]
        return steps

    def _photos(self, ticket_sudo):
        """The images of the ticket's messages the owner sees (not of internal notes), with
        the token the page shows them with."""
        messages = ticket_sudo.message_ids.filtered(
            lambda m: not m.is_internal and not m.subtype_id.internal
        )
        photos = messages.attachment_ids.filtered(lambda a: a.mimetype in PHOTO_TYPES)
        photos.generate_access_token()
        return photos.sorted("id")
