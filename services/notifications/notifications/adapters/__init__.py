"""The notifications service's edges: its documents (mongoengine, in its own database), a repository per
aggregate with an in-memory twin (inbox, deliveries and their queue, preferences, webhooks, claims, the
projections of other services' records), e-mail over SMTP and webhook calls over HTTP."""
