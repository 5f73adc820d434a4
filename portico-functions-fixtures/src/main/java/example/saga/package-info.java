/**
 * The travel booking saga's steps, as a BFF team would write them: book a hotel, book a flight (which
 * fails here, to exercise the compensation), cancel the hotel.
 */
package example.saga;
