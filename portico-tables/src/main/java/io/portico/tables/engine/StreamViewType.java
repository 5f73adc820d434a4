package io.portico.tables.engine;

/** What a stream record carries of the item: its keys, its new or old image, or both images. */
public enum StreamViewType {
    NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES, KEYS_ONLY
}
