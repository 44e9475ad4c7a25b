package io.weaver.dbrouting.spring.jpa;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row written through JPA on the worker role. */
@Entity
@Table(name = "note", schema = "isolation")
public class Note {
  @Id
  private long id;
  private String level;

  protected Note() {}

  Note(long id, String level) {
    this.id = id;
    this.level = level;
  }

  public String getLevel() {
    return level;
  }
}
