"""The housing unit (bostadsenheten): applications, investigations, decisions, queues, flats and social contracts."""
