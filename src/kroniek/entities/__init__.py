"""Named entities: mentions from Frog, cleaned of titles and function words."""
