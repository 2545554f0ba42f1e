"""libxml2's parser settings, hardened in one place: no entities, no network, no DTD loading, no huge trees."""

from lxml import etree


def hardened_parser(*, keep_comments_and_pis: bool) -> etree.XMLParser:
    return etree.XMLParser(
        remove_comments=not keep_comments_and_pis,
        remove_pis=not keep_comments_and_pis,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
        collect_ids=False,
    )
