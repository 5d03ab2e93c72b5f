"""The portal's pages, one blueprint per area; views only turn forms into API calls and answers into pages."""
