from odoo import fields, http
from odoo.exceptions import AccessError, MissingError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

# what an owner may see and borrow (5.6.4 e); the record rule of base.group_portal says the same
OWNER_DOCUMENTS = [("owner_borrowable", "=", True), ("state", "=", "effective")]


class DocsPortal(CustomerPortal):
    """Owners in the portal (DOC-6, issue 12 item 8): the drawings and posted notices they may
    borrow, their own borrow requests with their states, and a request to borrow."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "doc_borrowable_count" in counters:
            Document = request.env["property.doc.document"]
            owner = request.env["property.doc.borrow"]._portal_owner()
            values["doc_borrowable_count"] = (
                Document.search_count(OWNER_DOCUMENTS)
                if owner and Document.has_access("read")
                else 0
            )
        return values

    def _owner_borrows_domain(self):
        partner = request.env.user.partner_id
        return [
            ("borrower_type", "=", "owner"),
            ("partner_id", "child_of", partner.commercial_partner_id.id),
        ]

    def _owner_borrows(self):
        Borrow = request.env["property.doc.borrow"]
        if not Borrow.has_access("read"):
            return Borrow
        return Borrow.search(self._owner_borrows_domain(), limit=80)

    @http.route(
        ["/my/documents", "/my/documents/page/<int:page>"], type="http", auth="user", website=True
    )
    def portal_my_documents(self, page=1, **kw):
        Document = request.env["property.doc.document"]
        documents = Document
        pager = portal_pager(url="/my/documents", total=0, page=1, step=self._items_per_page)
        if Document.has_access("read"):
            total = Document.search_count(OWNER_DOCUMENTS)
            pager = portal_pager(
                url="/my/documents", total=total, page=page, step=self._items_per_page
            )
            documents = Document.search(
                OWNER_DOCUMENTS, limit=self._items_per_page, offset=pager["offset"]
            )
        values = self._prepare_portal_layout_values()
        values.update(
            # read with the user's rules above, shown with their labels (departments...)
            documents=documents.sudo(),
            borrows=self._owner_borrows().sudo(),
            page_name="doc_documents",
            default_url="/my/documents",
            pager=pager,
            is_owner=bool(request.env["property.doc.borrow"]._portal_owner()),
        )
        return request.render("property_docs.portal_my_documents", values)

    @http.route(["/my/documents/<int:document_id>"], type="http", auth="user", website=True)
    def portal_my_document(self, document_id, **kw):
        document = request.env["property.doc.document"].search(
            [("id", "=", document_id), *OWNER_DOCUMENTS]
        )
        if not document:
            return request.redirect("/my/documents")
        return self._render_document(document, {}, False)

    def _render_document(self, document, post, error):
        today = fields.Date.context_today(request.env.user)
        values = self._prepare_portal_layout_values()
        values.update(
            document=document.sudo(),
            page_name="doc_document",
            post=post,
            error=error,
            is_owner=bool(request.env["property.doc.borrow"]._portal_owner()),
            date_due_default=fields.Date.to_string(fields.Date.add(today, days=7)),
            date_min=fields.Date.to_string(today),
        )
        return request.render("property_docs.portal_my_document", values)

    @http.route(
        ["/my/documents/<int:document_id>/borrow"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_document_borrow(self, document_id, **post):
        Borrow = request.env["property.doc.borrow"]
        try:
            # a refused request leaves nothing behind when the request commits
            with request.env.cr.savepoint():
                borrow = Borrow._portal_request(
                    document_id,
                    post.get("purpose"),
                    post.get("date_due"),
                    bool(post.get("acknowledged")),
                )
        except (AccessError, ValidationError) as error:
            document = request.env["property.doc.document"].search(
                [("id", "=", document_id), *OWNER_DOCUMENTS]
            )
            if not document:
                values = self._prepare_portal_layout_values()
                values.update(page_name="doc_documents", error=error.args[0])
                return request.render("property_docs.portal_doc_error", values)
            return self._render_document(document, post, error.args[0])
        return request.redirect(f"/my/documents/borrow/{borrow.id}")

    @http.route(["/my/documents/borrow/<int:borrow_id>"], type="http", auth="user", website=True)
    def portal_my_borrow(self, borrow_id, **kw):
        try:
            borrow_sudo = self._document_check_access("property.doc.borrow", borrow_id)
        except (AccessError, MissingError):
            return request.redirect("/my/documents")
        if not borrow_sudo.filtered_domain(self._owner_borrows_domain()):
            return request.redirect("/my/documents")
        values = self._prepare_portal_layout_values()
        values.update(borrow=borrow_sudo, page_name="doc_borrow")
        return request.render("property_docs.portal_my_borrow", values)
