"""The operators' view: the admin site's look, and every domain's admin pages registered.

No start_url, passcode or secret is ever shown here. Each domain registers its own pages in its
`admin` module; this package holds only what they share (mixins, display helpers, paging).
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

admin.site.site_header = admin.site.site_title = _("Lunova")
admin.site.index_title = _("Lunova administration")
admin.site.index_template = "admin/lunova_index.html"
